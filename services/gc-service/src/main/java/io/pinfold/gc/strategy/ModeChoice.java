package io.pinfold.gc.strategy;

/** The strategy a run will use and why the cost model chose it (recorded on the run as mode_reason). */
public record ModeChoice(GcStrategy strategy, String reason) {
}
