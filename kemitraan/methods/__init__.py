"""How figures are computed from aggregates: the four indices and the Metodologi page's tables."""
