package dev.composefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.composefix.compose.Merge;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.YNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Compose's merge rules on one attribute across layers (base first). */
class MergeTest {
  /** The attribute's value in each layer: each text is one service mapping. */
  static List<YNode> layers(String key, String... texts) throws Exception {
    List<YNode> out = new ArrayList<>();
    for (String t : texts) {
      out.add(((YNode.Mapping) Document.parse(t).root).get(key));
    }
    return out;
  }

  /** A compact rendering of a merged value. */
  static String show(YNode n) {
    n = n == null ? null : n.resolve();
    if (n == null) {
      return "-";
    }
    if (n instanceof YNode.Scalar s) {
      return s.value;
    }
    if (n instanceof YNode.Sequence q) {
      return q.items.stream().map(MergeTest::show).collect(Collectors.joining(",", "[", "]"));
    }
    return ((YNode.Mapping) n)
        .entries.stream()
            .map(e -> e.keyText() + "=" + show(e.value()))
            .collect(Collectors.joining(",", "{", "}"));
  }

  static String merged(String key, String... texts) throws Exception {
    return show(Merge.values(key, layers(key, texts), -1));
  }

  @Test
  void mappingsMergeKeyByKeyLaterWins() throws Exception {
    assertEquals(
        "{driver=json-file,options={max-size=1m,max-file=3}}",
        merged(
            "logging",
            "logging: {driver: json-file, options: {max-size: 1m}}",
            "logging: {options: {max-file: 3}}"));
    assertEquals(
        "{driver=syslog}",
        merged("logging", "logging: {driver: json-file}", "logging: {driver: syslog}"));
  }

  @Test
  void sequencesAppendExceptCommands() throws Exception {
    assertEquals("[a,b]", merged("security_opt", "security_opt: [a]", "security_opt: [b, a]"));
    assertEquals("[echo,bar]", merged("command", "command: [echo, foo]", "command: [echo, bar]"));
    assertEquals(
        "{test=[CMD,true],interval=5s}",
        merged(
            "healthcheck",
            "healthcheck: {test: [CMD, false], interval: 5s}",
            "healthcheck: {test: [CMD, true]}"));
  }

  @Test
  void resetAndOverride() throws Exception {
    assertEquals("-", merged("restart", "restart: always", "restart: !reset null"));
    assertEquals("[x]", merged("security_opt", "security_opt: [a]", "security_opt: !override [x]"));
    assertEquals(
        "{driver=json-file}",
        merged(
            "logging",
            "logging: {driver: json-file, options: {max-size: 1m}}",
            "logging: {options: !reset {}}"));
    assertEquals(
        "{options={max-size=2m}}",
        merged(
            "logging",
            "logging: {driver: json-file, options: {max-size: 1m}}",
            "logging: !override {options: {max-size: 2m}}"));
    assertEquals(
        "unless-stopped",
        merged("restart", "restart: always", "restart: !reset null", "restart: unless-stopped"));
  }

  @Test
  void loggingWithAnotherDriverReplaces() throws Exception {
    assertEquals(
        "{driver=syslog}",
        merged(
            "logging",
            "logging: {driver: json-file, options: {max-size: 1m}}",
            "logging: {driver: syslog}"));
    assertEquals(
        "{driver=json-file,options={max-size=1m,max-file=2}}",
        merged(
            "logging",
            "logging: {driver: json-file, options: {max-size: 1m}}",
            "logging: {driver: json-file, options: {max-file: 2}}"));
  }

  @Test
  void listAndMappingFormsMergeAsMappings() throws Exception {
    assertEquals(
        "{migrate={condition=service_completed_successfully},web=}",
        merged(
            "depends_on",
            "depends_on: {migrate: {condition: service_completed_successfully}}",
            "depends_on: [web]"));
    assertEquals("{A=1,B=2}", merged("environment", "environment: [A=1]", "environment: {B: 2}"));
  }

  @Test
  void onlyTheLiveLayersOwnValueIsReturnedAsIs() throws Exception {
    List<YNode> l = layers("logging", "logging: {driver: json-file}", "image: x");
    assertSame(l.get(0), Merge.values("logging", l, 0));
    YNode copy = Merge.values("logging", l, 1);
    assertEquals("{driver=json-file}", show(copy));
    assertFalse(copy == l.get(0));
    assertNull(copy.parent());
    assertNull(Merge.values("logging", Arrays.asList(null, null), 0));
  }
}
