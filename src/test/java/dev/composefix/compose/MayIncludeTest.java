package dev.composefix.compose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cheap look for a top-level include that decides whether a file is parsed while planning. */
class MayIncludeTest {
  @Test
  void aTopLevelIncludeIsSeen() {
    assertTrue(Project.Sources.mayInclude("include:\n  - a.yaml\nservices: {}\n"));
    assertTrue(Project.Sources.mayInclude("services:\n  web: {}\ninclude:\n  - a.yaml\n"));
    assertTrue(Project.Sources.mayInclude("\"include\": [a.yaml]\n"));
    assertTrue(Project.Sources.mayInclude("\uFEFFinclude: [a.yaml]\n"));
    assertTrue(Project.Sources.mayInclude("# a comment\n{include: [a.yaml], services: {}}\n"));
    assertTrue(Project.Sources.mayInclude("services: {}\r\ninclude:\r\n  - a.yaml\r\n"));
  }

  @Test
  void theWordElsewhereIsNot() {
    assertFalse(Project.Sources.mayInclude("services:\n  web:\n    image: nginx\n"));
    assertFalse(
        Project.Sources.mayInclude(
            "services:\n  web:\n    environment:\n      - INCLUDE=1\n      - x=include\n"));
    assertFalse(Project.Sources.mayInclude("# include: this is a comment\nservices: {}\n"));
    assertFalse(Project.Sources.mayInclude("services:\n  include:\n    image: x\n"));
  }
}
