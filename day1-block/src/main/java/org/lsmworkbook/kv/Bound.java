package org.lsmworkbook.kv;

import java.util.Objects;

/**
 * One end of a key range: unbounded, or a key that is included or excluded. A scan takes a lower
 * and an upper bound; {@code scan(included("a"), excluded("c"))} covers every key {@code k} with
 * {@code "a" <= k < "c"}.
 */
public final class Bound {

    /** Which kind of bound this is. */
    public enum Kind {
        /** No limit on this side. */
        UNBOUNDED,
        /** The key itself is in the range. */
        INCLUDED,
        /** The range stops just short of the key. */
        EXCLUDED
    }

    private static final Bound UNBOUNDED = new Bound(Kind.UNBOUNDED, null);

    private final Kind kind;
    private final Bytes key;

    private Bound(Kind kind, Bytes key) {
        this.kind = kind;
        this.key = key;
    }

    /** No limit. */
    public static Bound unbounded() {
        return UNBOUNDED;
    }

    /** A bound that includes {@code key}. */
    public static Bound included(Bytes key) {
        return new Bound(Kind.INCLUDED, Objects.requireNonNull(key, "key"));
    }

    /** A bound that excludes {@code key}. */
    public static Bound excluded(Bytes key) {
        return new Bound(Kind.EXCLUDED, Objects.requireNonNull(key, "key"));
    }

    /** The kind of bound. */
    public Kind kind() {
        return kind;
    }

    /** True for {@link #unbounded()}. */
    public boolean isUnbounded() {
        return kind == Kind.UNBOUNDED;
    }

    /** True for {@link #included(Bytes)}. */
    public boolean isIncluded() {
        return kind == Kind.INCLUDED;
    }

    /** True for {@link #excluded(Bytes)}. */
    public boolean isExcluded() {
        return kind == Kind.EXCLUDED;
    }

    /**
     * The bounding key.
     *
     * @throws IllegalStateException if this bound is unbounded and so has no key
     */
    public Bytes key() {
        if (key == null) {
            throw new IllegalStateException("an unbounded Bound has no key; check isUnbounded() first");
        }
        return key;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bound)) {
            return false;
        }
        Bound other = (Bound) o;
        return kind == other.kind && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Objects.hashCode(key);
    }

    /** {@code Unbounded}, {@code Included("a")} or {@code Excluded("a")}. */
    @Override
    public String toString() {
        switch (kind) {
            case INCLUDED:
                return "Included(" + key + ")";
            case EXCLUDED:
                return "Excluded(" + key + ")";
            default:
                return "Unbounded";
        }
    }
}
