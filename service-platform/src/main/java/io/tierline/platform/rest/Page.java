package io.tierline.platform.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list: its items and, when there may be more, the cursor that asks for the next page
 * ({@code ?cursor=<nextCursor>}); {@code nextCursor} is absent on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from rows fetched with a limit one higher than the page size: the extra row only tells there is more.
     *
     * @param at the time a row is ordered by, {@code id} the id that breaks ties
     */
    public static <R, T> Page<T> of(List<R> rows, int size, Function<R, Instant> at, Function<R, UUID> id,
                                    Function<R, T> view) {
        return of(rows, size, last -> new Cursor(at.apply(last), id.apply(last)), view);
    }

    /** As above, with the cursor made from the page's last row by {@code cursor}. */
    public static <R, T> Page<T> of(List<R> rows, int size, Function<R, Cursor> cursor, Function<R, T> view) {
        List<R> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? cursor.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
