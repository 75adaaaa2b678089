/**
 * DenseReg for the JVM: dense shape regression (Güler et al.) on Deeplearning4j.
 * Sub-packages hold one concern each; data flows reader → sample → supervision → training data → network → decoder →
 * metrics and outputs, never back up the chain (docs/architecture.md; enforced by the tests' ArchitectureTest).
 */
package org.densereg;
