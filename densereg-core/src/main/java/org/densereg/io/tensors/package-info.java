/**
 * Named float tensors from the weight files other frameworks write: PyTorch {@code torch.save} state dicts
 * ({@code .pth}), {@code .safetensors} and Keras HDF5 weights ({@code .h5}). Depends on {@code io}, the JDK,
 * Jackson, the pickle reader and jHDF only.
 */
package org.densereg.io.tensors;
