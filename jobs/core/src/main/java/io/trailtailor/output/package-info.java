/**
 * How names taken from log data become parts of output paths. A role name, service account or cluster comes from
 * the logs being read, so it is untrusted: {@link io.trailtailor.output.PathSegment} turns any of them into one safe,
 * bounded file-name segment, and the original name stays inside the file it names.
 */
package io.trailtailor.output;
