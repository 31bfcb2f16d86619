package org.offload.util;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names a user typed: the known name closest to a mistyped one, by edit distance (optimal string
 * alignment: insertions, deletions, substitutions and swaps of two neighbours each cost 1). Names are compared
 * case-insensitively, with {@code -} and {@code _} alike and British and American spellings alike ({@code -ise},
 * {@code -ised}, {@code -ising}, {@code -isation} as {@code -ize}, ...), so {@code least-utilized} finds
 * {@code least-utilised} and {@code utilisation-based} finds {@code utilization-based}.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code name} if it is close enough to be a likely typo: at most a third of the
     * shorter name's length in edits (at least one edit), and not {@code name} itself. Below four characters one
     * changed character makes another word ({@code -V} is not {@code -n}), so there only a character left out or
     * added counts ({@code rn} finds {@code run}). Ties go to the candidate that comes first.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String typed = normalise(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(name)) {
                continue;
            }
            String known = normalise(c);
            int shorter = Math.min(typed.length(), known.length());
            int allowed = shorter >= 4 ? Math.max(1, shorter / 3) : typed.length() != known.length() ? 1 : 0;
            int d = distance(typed, known);
            if (d <= allowed && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} for the {@link #closest} candidate, or an empty string if there is none. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** Lower case, {@code _} as {@code -}, and the -is- spellings of -ise/-isation words as -iz-. */
    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("(?<=[a-z])is(?=e|ed|es|er|ing|ation)", "iz");
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
