/**
 * DenseReg for the JVM: dense shape regression (Güler et al.) on Deeplearning4j.
 * Sub-packages hold one concern each; data flows reader → sample → supervision → iterator → network → decoder → metrics.
 */
package org.densereg;
