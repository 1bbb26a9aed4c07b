package io.seawatch.pipelines;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.coders.RawLineCoder;
import io.seawatch.beam.coders.SeawatchCoders;
import io.seawatch.db.JdbcTarget;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Test;

public class IngestPipelineTest {
  /**
   * Step names become Flink operator uids: renaming one orphans savepoint state. This pins the
   * full names of the top-level steps and of every stateful step below them.
   */
  @Test
  public void stepNamesAreStable() {
    IngestPipeline.Options options = PipelineOptionsFactory.as(IngestPipeline.Options.class);
    Pipeline p = Pipeline.create(options);
    SeawatchCoders.registerOn(p);
    IngestPipeline.buildPipeline(
        p,
        Create.empty(RawLineCoder.of()),
        JdbcTarget.of("jdbc:postgresql://127.0.0.1:5432/never-used", "postgres"),
        options);

    List<String> topLevel = new ArrayList<>();
    List<String> ruleSteps = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
              topLevel.add(node.getFullName());
            }
            if (!node.isRootNode() && node.getFullName().startsWith("AnalyzeVessels/")
                && node.getFullName().endsWith("Fn")) {
              ruleSteps.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getFullName().startsWith("AnalyzeVessels/")
                && node.getFullName().endsWith("Fn")) {
              ruleSteps.add(node.getFullName());
            }
          }
        });
    // The stateful analytics steps (their state is keyed by these names on Flink).
    ruleSteps.sort(null);
    assertEquals(
        List.of(
            "AnalyzeVessels/AggregateDensity/AggregateDensityFn",
            "AnalyzeVessels/DetectEncounters/CompareInCellsFn",
            "AnalyzeVessels/DetectEncounters/DetectEncountersFn",
            "AnalyzeVessels/DetectGaps/ClassifyFeedStallsFn",
            "AnalyzeVessels/DetectGaps/ConfirmOpenGapsFn",
            "AnalyzeVessels/DetectGaps/DetectGapsFn",
            "AnalyzeVessels/DetectLoitering/DetectLoiteringFn",
            "AnalyzeVessels/TrackGeofences/TrackGeofencesFn",
            "AnalyzeVessels/TrackSegments/TrackSegmentsFn"),
        ruleSteps);
    assertEquals(IngestPipeline.STEPS, topLevel);
    assertEquals(
        List.of(
            "ReadAis",
            "DecodeAisSentences",
            "WritePositions",
            "WriteVesselLatest",
            "WriteVesselStatic",
            "CountMessagesPerMinute",
            "WriteMessageCounts",
            "WriteDeadLetters",
            "ReadGeofences",
            "AnalyzeVessels",
            "WriteVesselEvents",
            "WriteDensity",
            "WriteVesselStats",
            "WriteLateDeadLetters"),
        IngestPipeline.STEPS);
  }
}
