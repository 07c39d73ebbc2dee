package io.tributary.protocol.merge;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;

/**
 * The effect of one change: the version to store (null when nothing is written) and the outcome to
 * answer with.
 */
public record Resolution(DocumentVersion written, Outcome outcome) {}
