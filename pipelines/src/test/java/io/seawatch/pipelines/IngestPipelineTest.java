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
import org.apache.beam.sdk.values.TupleTag;
import org.junit.Test;

public class IngestPipelineTest {
  /**
   * Step names become Flink operator uids: renaming one orphans savepoint state. This pins the
   * full names of the top-level steps and of every stateful step below them.
   */
  @Test
  public void stepNamesAreStable() {
    Pipeline p = streamingPipeline();

    List<String> topLevel = new ArrayList<>();
    List<String> ruleSteps = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
              topLevel.add(node.getFullName());
            }
            if (!node.isRootNode() && isStatefulStep(node.getFullName())) {
              ruleSteps.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getEnclosingNode().isRootNode()) {
              topLevel.add(node.getFullName()); // a Flatten of the top level
            }
            if (isStatefulStep(node.getFullName())) {
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
            "AnalyzeVessels/DetectProvisionalEvents/DetectProvisionalEventsFn",
            "AnalyzeVessels/TrackSegments/TrackSegmentsFn",
            "AnalyzeVessels/TrackVessels/TrackVesselsFn",
            "ReconcileAlerts/ReconcileAlertsFn",
            "RetractOrphanedProvisionals/SweepFn"),
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
            "WriteLateDeadLetters",
            "ReconcileAlerts",
            "RetractOrphanedProvisionals",
            "FlattenAlerts",
            "WriteAlerts",
            "PublishAlerts",
            "WriteProvisionalEvents"),
        IngestPipeline.STEPS);
  }

  private static boolean isStatefulStep(String name) {
    return (name.startsWith("AnalyzeVessels/") || name.startsWith("ReconcileAlerts/")
            || name.startsWith("RetractOrphanedProvisionals/"))
        && name.endsWith("Fn");
  }

  /**
   * The Flink runner keeps a side input's contents in state named after the view's tag. A tag that
   * differs between two builds of the same pipeline (Beam's generated tags carry a random part)
   * leaves a job resumed from a savepoint without its side input until the input is read again.
   */
  @Test
  public void sideInputTagsAreTheSameInEveryBuild() {
    List<String> first = sideInputTags();
    // One view, read by the exact geofence step and by the provisional step.
    assertEquals(
        List.of("seawatch.ReadGeofences.newestRead", "seawatch.ReadGeofences.newestRead"), first);
    assertEquals(first, sideInputTags());
  }

  /** The tags of every side input of the streaming pipeline, in traversal order. */
  private static List<String> sideInputTags() {
    Pipeline p = streamingPipeline();
    List<String> tags = new ArrayList<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            for (TupleTag<?> tag : node.getTransform().getAdditionalInputs().keySet()) {
              tags.add(tag.getId());
            }
          }
        });
    return tags;
  }

  /** The ingest with analytics as a streaming build would have it (default options), not run. */
  private static Pipeline streamingPipeline() {
    IngestPipeline.Options options = PipelineOptionsFactory.as(IngestPipeline.Options.class);
    options.setBootstrapServers("127.0.0.1:9"); // never contacted: the pipeline is not run
    Pipeline p = Pipeline.create(options);
    SeawatchCoders.registerOn(p);
    IngestPipeline.buildPipeline(
        p,
        Create.empty(RawLineCoder.of()),
        JdbcTarget.of("jdbc:postgresql://127.0.0.1:5432/never-used", "postgres"),
        options);
    return p;
  }
}
