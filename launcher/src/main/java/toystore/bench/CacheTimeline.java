package toystore.bench;

import java.util.List;

/**
 * The cache-replacement experiment: a skewed (Zipf) workload whose popularity order is reversed
 * half-way, with the frontend's cache sampled throughout.
 *
 * @param capacity the cache's capacity
 * @param zipfExponent the skew: toy of rank k is chosen with weight 1/k^s
 * @param phaseOneOrder toys from most to least popular in phase 1 (phase 2 is the reverse)
 * @param phaseOneShare each toy's chance in phase 1, in {@code phaseOneOrder}
 * @param samples the cache every {@code sampleMs}
 * @param phases the load figures of phase 1 and phase 2
 */
public record CacheTimeline(
    int capacity,
    double zipfExponent,
    double p,
    long sampleMs,
    long phaseMs,
    List<String> phaseOneOrder,
    List<Double> phaseOneShare,
    List<TimelineSample> samples,
    List<Measured> phases) {}
