package org.densereg.data.mpii;

/**
 * One person from an MPII JSON annotation file, 0-based pixels.
 *
 * @param image      image file name
 * @param center     {@code [2]} person centre ({@code center} or {@code objpos}), 0-based
 * @param scale      person scale ({@code scale} or {@code scale_provided}; height / 200 px)
 * @param joints     {@code [32]} (x, y) of joint id j at {@code 2j}, 0-based, as stored (missing joints keep the
 *                   file's placeholder, typically (−1, −1) in the file, i.e. −2 here; check {@code flags})
 * @param flags      {@code [16]} the file's per-joint flag: {@code joints_vis} (HRNet form: 1 = annotated) or the
 *                   third value of {@code joint_self} (pytorch-pose form)
 * @param validation true/false from {@code isValidation} (pytorch-pose form); null when the file does not say
 */
public record MpiiJsonAnnotation(String image, double[] center, double scale, double[] joints, boolean[] flags,
                                 Boolean validation) {
}
