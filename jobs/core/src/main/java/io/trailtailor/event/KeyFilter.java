package io.trailtailor.event;

import java.time.LocalDate;
import java.util.Set;

/**
 * Prunes CloudTrail files by the layout's account, region and delivery date ({@code --accounts}, {@code --regions},
 * {@code --from}, {@code --to}). Files outside the layout are never pruned. The delivery date may lag the events by
 * up to a day, so a file delivered the day after {@code to} is kept.
 */
public record KeyFilter(LocalDate from, LocalDate to, Set<String> accounts, Set<String> regions)
        implements java.io.Serializable {

    public static final KeyFilter ALL = new KeyFilter(null, null, Set.of(), Set.of());

    public KeyFilter {
        accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
    }

    public boolean prunesNothing() {
        return from == null && to == null && accounts.isEmpty() && regions.isEmpty();
    }

    public boolean accepts(String path) {
        return CloudTrailKey.parse(path).map(this::accepts).orElse(true);
    }

    public boolean accepts(CloudTrailKey key) {
        return acceptsAccount(key.account()) && acceptsRegion(key.region()) && acceptsDeliveryDate(key.deliveryDate());
    }

    public boolean acceptsAccount(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }

    public boolean acceptsRegion(String region) {
        return regions.isEmpty() || regions.contains(region);
    }

    public boolean acceptsDeliveryDate(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to.plusDays(1)));
    }
}
