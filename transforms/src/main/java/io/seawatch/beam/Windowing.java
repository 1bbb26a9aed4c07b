package io.seawatch.beam;

import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;

/** Windowing shared by the per-bundle reductions. */
public final class Windowing {
  private Windowing() {}

  /**
   * {@code input} in the global window, as the per-bundle reductions (which emit their results
   * into it when the bundle finishes) need it: unchanged when it is there already, as the
   * decoder's outputs are, so that on Flink no window-assigning operator touches every element
   * for nothing; otherwise re-windowed by a step named {@code stepName}.
   */
  public static <T> PCollection<T> inGlobalWindow(PCollection<T> input, String stepName) {
    if (input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows) {
      return input;
    }
    return input.apply(stepName, Window.<T>into(new GlobalWindows()));
  }
}
