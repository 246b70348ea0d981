package toystore.wire.catalog;

import java.util.List;

/**
 * {@code POST /internal/invalidate}: toys that changed in the catalog, one push for all of them
 * (each toy at most once, at its newest version), so that a burst of purchases costs the frontend one
 * request, not one per toy.
 */
public record Invalidations(List<Invalidation> invalidations) {}
