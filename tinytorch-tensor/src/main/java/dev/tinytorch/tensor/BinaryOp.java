package dev.tinytorch.tensor;

/** The broadcasting binary kernels; comparisons give 1 where true and 0 where false. */
enum BinaryOp {
  ADD("add"),
  SUB("sub"),
  MUL("mul"),
  DIV("div"),
  MAXIMUM("maximum"),
  MINIMUM("minimum"),
  GT("gt"),
  GE("ge"),
  LT("lt"),
  LE("le"),
  EQ("eq"),
  NE("ne");

  /** The op's name in error messages, as the Tensor method is called. */
  final String opName;

  BinaryOp(String opName) {
    this.opName = opName;
  }
}
