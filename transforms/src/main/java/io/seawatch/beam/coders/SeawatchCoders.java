package io.seawatch.beam.coders;

import io.seawatch.beam.values.FenceFix;
import io.seawatch.beam.values.FixOrEvent;
import io.seawatch.db.GeofenceRow;
import io.seawatch.db.VesselStaticRow;
import io.seawatch.db.VesselStatsRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.MessageCount;
import io.seawatch.model.Origin;
import io.seawatch.model.RawLine;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import io.seawatch.rules.DensityAggregator;
import io.seawatch.rules.EncounterDetector;
import io.seawatch.rules.Fix;
import io.seawatch.rules.VesselEvent;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CoderRegistry;

/** Registers the explicit coders of the model records, so no type falls back to Java serialization. */
public final class SeawatchCoders {
  private SeawatchCoders() {}

  public static void registerOn(Pipeline p) {
    registerOn(p.getCoderRegistry());
  }

  public static void registerOn(CoderRegistry r) {
    r.registerCoderForClass(Origin.class, OriginCoder.of());
    r.registerCoderForClass(RawLine.class, RawLineCoder.of());
    r.registerCoderForClass(DeadLetter.class, DeadLetterCoder.of());
    r.registerCoderForClass(VesselPosition.class, VesselPositionCoder.of());
    r.registerCoderForClass(VesselStatic.class, VesselStaticCoder.of());
    r.registerCoderForClass(MessageCount.class, MessageCountCoder.of());
    r.registerCoderForClass(VesselStaticRow.class, VesselStaticRowCoder.of());
    // Analytics.
    r.registerCoderForClass(Fix.class, FixCoder.of());
    r.registerCoderForClass(VesselEvent.class, VesselEventCoder.of());
    r.registerCoderForClass(EncounterDetector.Proximity.class, ProximityCoder.of());
    r.registerCoderForClass(DensityAggregator.DensityCount.class, DensityCountCoder.of());
    r.registerCoderForClass(GeofenceRow.class, GeofenceRowCoder.of());
    r.registerCoderForClass(VesselStatsRow.class, VesselStatsRowCoder.of());
    r.registerCoderForClass(FixOrEvent.class, FixOrEventCoder.of());
    r.registerCoderForClass(FenceFix.class, FenceFixCoder.of());
  }
}
