/**
 * What a run may do to {@code --out}. {@link io.trailtailor.flink.output.OutputLocation} refuses an output directory
 * that would mix with the inputs; {@link io.trailtailor.flink.output.OwnedOutputs} makes every removal depend on a
 * {@link io.trailtailor.flink.output.Manifest} of what an earlier run wrote, so a file someone else put under
 * {@code --out} is never deleted and never silently overwritten ({@link io.trailtailor.flink.output.OutputLayout} says
 * which paths a run may write).
 */
package io.trailtailor.flink.output;
