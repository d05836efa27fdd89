package dev.tinytorch.tensor;

/** The elementwise kernels of one input and no parameter. */
enum UnaryOp {
  NEG("neg"),
  EXP("exp"),
  LOG("log"),
  SQRT("sqrt"),
  ABS("abs"),
  TANH("tanh"),
  SIGMOID("sigmoid"),
  RELU("relu"),
  GELU("gelu"),
  GELU_TANH("gelu"),
  ERF("erf");

  final String opName;

  UnaryOp(String opName) {
    this.opName = opName;
  }
}
