/**
 * Named float tensors from the weight files other frameworks write: PyTorch {@code torch.save} state dicts
 * ({@code .pth}) and {@code .safetensors}. Depends on {@code io}, the JDK, Jackson and the pickle reader only.
 */
package org.densereg.io.tensors;
