package dev.composefix.engine;

import dev.composefix.rule.Finding;

/**
 * A finding that a suppression kept from being fixed or reported as open: SARIF writes it with a
 * {@code suppressions} entry ({@code kind} "inSource" or "external", {@code justification} =
 * reason).
 *
 * @param finding what the rule found (with the fix it would have made)
 * @param inSource true for a comment or {@code x-composefix} in the compose file, false for a
 *     per-service ignore in the configuration file
 * @param reason the text after the comment's brackets, {@code x-composefix.reason}, or null
 * @param line the line of the comment or of the x-composefix block (1-based), 0 for a per-service
 *     ignore
 * @param column its column, 0 for a per-service ignore
 */
public record Suppressed(Finding finding, boolean inSource, String reason, int line, int column) {}
