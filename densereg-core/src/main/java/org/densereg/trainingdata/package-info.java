/**
 * Training data built from supervision output, one sub-package per task ({@code face}, {@code body}) plus the built-in
 * synthetic faces. Sits above {@code supervision} and below {@code train}.
 */
package org.densereg.trainingdata;
