package dev.backproplab.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backproplab.core.InvalidInputException;
import dev.backproplab.core.sweep.SweepSpec;
import dev.backproplab.core.trial.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model block of sweep files: mlp and cnn keys, defaults, and errors that name key and value. */
class SweepFileParserModelTest {

  private static String sweep(String model) {
    return "name: t\ndataset: mnist\nmodel: " + model + "\nbudget: {epochs: 1}\nmethods:\n  - method: fa\n";
  }

  @Test
  void aLeNetLikeCnnParses() {
    SweepSpec s = SweepFileParser.parse(sweep("{type: cnn, conv: [{filters: 6, kernel: 5, stride: 1, padding: 2},"
        + " {filters: 16, kernel: 5}], pool: 2, hidden: [120, 84], activation: relu}"), "t.yaml");
    ModelSpec m = s.model();
    assertEquals("cnn", m.type());
    assertEquals(List.of(new ModelSpec.ConvSpec(6, 5, 1, 2), new ModelSpec.ConvSpec(16, 5, 1, 0)), m.conv());
    assertEquals(2, m.pool());
    assertEquals(List.of(120, 84), m.hidden());
    assertEquals("cnn[c6k5s1p2,c16k5s1p0]p2[120,84]/relu", m.describe());
  }

  @Test
  void poolDefaultsTo2ForCnnsAndAnMlpStaysAsItWas() {
    assertEquals(2, SweepFileParser.parse(sweep("{type: cnn, conv: [{filters: 4, kernel: 3}]}"), "t.yaml")
        .model().pool());
    ModelSpec mlp = SweepFileParser.parse(sweep("{type: mlp, hidden: [64], activation: tanh}"), "t.yaml").model();
    assertEquals(new ModelSpec("mlp", List.of(64), "tanh"), mlp);
  }

  @Test
  void badModelKeysAreErrorsThatSayWhatAndWhere() {
    String m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, conv: [{filters: 6, kernal: 5}]}"), "t.yaml")).getMessage();
    assertTrue(m.contains("model.conv[0]") && m.contains("kernal") && m.contains("kernel"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, conv: [{kernel: 5}]}"), "t.yaml")).getMessage();
    assertTrue(m.contains("filters"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, conv: [{filters: 0, kernel: 5}]}"), "t.yaml")).getMessage();
    assertTrue(m.contains("filters") && m.contains("0"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: mlp, conv: [{filters: 6, kernel: 5}]}"), "t.yaml")).getMessage();
    assertTrue(m.contains("cnn"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, hidden: [10]}"), "t.yaml")).getMessage();
    assertTrue(m.contains("conv"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, conv: [{filters: 6, kernel: 5}], pools: 2}"), "t.yaml")).getMessage();
    assertTrue(m.contains("pools") && m.contains("pool"), m);
  }

  @Test
  void aLogMelFrontEndAndSavedModelsParse() {
    SweepSpec s = SweepFileParser.parse("name: t\ndataset: espeak-words\nsave_models: true\nmodel: {type: cnn, "
        + "frontend: logmel, conv: [{filters: 4, kernel: 3}]}\nbudget: {epochs: 1}\nmethods:\n  - method: bp\n",
        "t.yaml");
    assertTrue(s.saveModels());
    assertEquals("logmel+cnn[c4k3s1p0]p2[]/relu", s.model().describe());
    assertTrue(!SweepFileParser.parse(sweep("{type: mlp}"), "t.yaml").saveModels());
    String m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, frontend: mfcc, conv: [{filters: 4, kernel: 3}]}"), "t.yaml")).getMessage();
    assertTrue(m.startsWith("t.yaml line 3, model: unknown model frontend 'mfcc'"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        "name: t\ndataset: mnist\nsave_models: yes please\nmodel: {type: mlp}\nbudget: {epochs: 1}\n"
            + "methods:\n  - method: bp\n", "t.yaml")).getMessage();
    assertTrue(m.contains("save_models") && m.contains("true or false"), m);
  }

  @Test
  void theStatisticsHeadParsesIsInheritedByBlocksAndAnUnknownHeadIsNamed() {
    SweepSpec s = SweepFileParser.parse("name: t\ndataset: espeak-speakers\nmodel: {type: cnn, frontend: logmel, "
        + "head: stats, conv: [{filters: 4, kernel: 3}]}\nbudget: {epochs: 1}\nmethods:\n  - method: bp\n"
        + "  - method: fa\n    model: {hidden: [8]}\n  - method: dfa\n    model: {head: flatten}\n", "t.yaml");
    assertEquals("logmel+cnn[c4k3s1p0]p2+stats[]/relu", s.model().describe());
    assertEquals("stats", s.methods().get(1).model().head());
    assertEquals("flatten", s.methods().get(2).model().head());
    assertEquals("flatten", SweepFileParser.parse(sweep("{type: cnn, conv: [{filters: 4, kernel: 3}]}"), "t.yaml")
        .model().head());
    String m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{type: cnn, head: xvector, conv: [{filters: 4, kernel: 3}]}"), "t.yaml")).getMessage();
    assertTrue(m.startsWith("t.yaml line 3, model: unknown model head 'xvector': expected one of [flatten, stats]"), m);
  }

  @Test
  void aBlackboxLayerParsesIsInheritedByBlocksAndDroppedWithNone() {
    SweepSpec s = SweepFileParser.parse("name: t\ndataset: mnist\nmodel: {hidden: [32, 16], blackbox: {after: 2,"
        + " function: banded, bandwidth: 2, noise: 0.01, estimator: sparse, calls: 12}}\nbudget: {epochs: 1}\n"
        + "methods:\n  - method: fa\n  - method: bp\n    model: {blackbox: none}\n", "t.yaml");
    assertEquals("mlp[32,16]/relu+bb2:banded2/n0.01/sparse12/h0.1", s.model().describe());
    assertEquals(12, s.model().blackbox().calls());
    assertEquals(null, s.methods().get(1).model().blackbox());
  }

  @Test
  void aBadBlackboxNamesFileLineKeyAndValue() {
    String m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{hidden: [8], blackbox: {after: 1, function: banded, estimator: gausian}}"), "t.yaml")).getMessage();
    assertTrue(m.startsWith("t.yaml line 3, model: model blackbox.estimator = gausian: expected one of"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{hidden: [8], blackbox: {after: 3, function: banded, estimator: exact}}"), "t.yaml")).getMessage();
    assertTrue(m.contains("blackbox.after = 3: expected a dense hidden layer from 1 to 1"), m);
    m = assertThrows(InvalidInputException.class, () -> SweepFileParser.parse(
        sweep("{hidden: [8], blackbox: {after: 1, function: banded, estimator: gaussian, calls: many}}"), "t.yaml"))
        .getMessage();
    assertTrue(m.contains("blackbox.calls = many: expected an integer"), m);
  }
}
