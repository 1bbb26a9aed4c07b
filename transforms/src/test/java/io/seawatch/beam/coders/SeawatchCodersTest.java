package io.seawatch.beam.coders;

import static org.junit.Assert.assertSame;

import io.seawatch.db.VesselStaticRow;
import io.seawatch.model.DeadLetter;
import io.seawatch.model.MessageCount;
import io.seawatch.model.Origin;
import io.seawatch.model.VesselPosition;
import io.seawatch.model.VesselStatic;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Test;

public class SeawatchCodersTest {
  @Test
  public void registersEveryModelCoder() throws Exception {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    SeawatchCoders.registerOn(p);
    CoderRegistry r = p.getCoderRegistry();
    assertSame(OriginCoder.of(), r.getCoder(Origin.class));
    assertSame(DeadLetterCoder.of(), r.getCoder(DeadLetter.class));
    assertSame(VesselPositionCoder.of(), r.getCoder(VesselPosition.class));
    assertSame(VesselStaticCoder.of(), r.getCoder(VesselStatic.class));
    assertSame(MessageCountCoder.of(), r.getCoder(MessageCount.class));
    assertSame(VesselStaticRowCoder.of(), r.getCoder(VesselStaticRow.class));
  }
}
