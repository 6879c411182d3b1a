package io.trailtailor.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Lenient timestamp parsing for the forms AWS and Kubernetes write (ISO-8601 with Z or an offset, any fraction). */
public final class Timestamps {

  private Timestamps() {}

  /** The instant, or null when {@code text} is not a timestamp. */
  public static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  /** Epoch milliseconds or seconds as CloudWatch Logs and some exports write them, or null. */
  public static Instant parseEpoch(String text) {
    if (text == null || text.isEmpty() || text.length() > 16 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long value = Long.parseLong(text);
    return text.length() > 11 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }
}
