package org.lsmworkbook.tools.grade;

import java.util.Locale;

/**
 * One column of Gradescope's leaderboard: an entry of the {@code leaderboard} array of
 * {@code results.json}.
 *
 * @param name the column's title, e.g. "Random reads/s"
 * @param value the submission's number
 * @param order {@code "desc"} when more is better (throughput), {@code "asc"} when less is (memory)
 */
public record LeaderboardEntry(String name, double value, String order) {

    /** More is better. */
    public static final String DESC = "desc";
    /** Less is better. */
    public static final String ASC = "asc";

    /** Checks the order and that the value is a number JSON can hold. */
    public LeaderboardEntry {
        if (!order.equals(DESC) && !order.equals(ASC)) {
            throw new IllegalArgumentException("order must be \"desc\" or \"asc\", not \"" + order + "\"");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the value of " + name + " must be a finite number, not " + value);
        }
    }

    /**
     * The value as it is written: a whole number when it is one, else one decimal.
     *
     * @return e.g. "152340" or "42.5"
     */
    public String valueText() {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * The entry as a JSON object.
     *
     * @return e.g. {@code {"name": "Random reads/s", "value": 152340, "order": "desc"}}
     */
    String toJson() {
        return "{\"name\": " + Json.quote(name) + ", \"value\": " + valueText() + ", \"order\": " + Json.quote(order) + "}";
    }
}
