/**
 * MPII Human Pose: the RELEASE struct of {@code mpii_human_pose_v1_u12_1.mat}, the JSON annotations, the
 * {@code gt_valid.mat} evaluation ground truth and joint predictions. Depends on {@code io}, {@code data} and Jackson.
 */
package org.densereg.data.mpii;
