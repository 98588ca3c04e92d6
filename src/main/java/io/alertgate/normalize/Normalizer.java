package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Turns one inbound payload of a vendor into one or more alerts. Pure: no I/O, no clock; the pipeline assigns ids
 * and times. Throws {@link NormalizationException} for a payload it cannot read.
 */
public interface Normalizer {

  List<AlertDraft> normalize(JsonNode body);
}
