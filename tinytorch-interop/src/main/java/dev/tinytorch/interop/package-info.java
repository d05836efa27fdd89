/**
 * The bridge between TinyTorch and ND4J/DL4J, and the only module that depends on ND4J, so that
 * users of tinytorch-tensor, -autograd and -nn get no native libraries.
 *
 * <ul>
 *   <li>{@link dev.tinytorch.interop.INDArrays}: INDArray to and from Tensor, every dtype, rank and
 *       layout, by copy (ND4J's data is off-heap; nothing is shared).
 *   <li>{@link dev.tinytorch.interop.Dl4jData}: DL4J DataSets and DataSetIterators (DataVec record
 *       readers, normalizers, async prefetch) as TinyTorch batches epoch after epoch, and a
 *       TinyTorch DataLoader as a DataSetIterator for DL4J's fit and evaluate.
 *   <li>{@link dev.tinytorch.interop.Nd4jWeights}: a module's state dict as named INDArrays and
 *       back, and named INDArrays as a {@code .npz} that numpy and ND4J read alike.
 *   <li>{@link dev.tinytorch.interop.Dl4jModels}: a Sequential of Linear, Conv2d, pooling,
 *       BatchNorm, Dropout, Flatten and activations as a DL4J MultiLayerNetwork with the same
 *       outputs, and back.
 * </ul>
 *
 * <p>It compiles against {@code nd4j-api} only: add a backend yourself, {@code nd4j-native} (this
 * platform's CPU natives) or {@code nd4j-native-platform} (every platform's). Left out: sharing
 * memory with ND4J, gradients across the boundary (only values cross), ND4J's UTF8 arrays, DL4J's
 * ComputationGraph, recurrent and attention layers.
 */
package dev.tinytorch.interop;
