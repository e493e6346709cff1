package dev.composefix.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composefix.compose.ComposeFile;
import dev.composefix.compose.ComposePolicy;
import dev.composefix.yaml.Document;
import dev.composefix.yaml.Patch;
import dev.composefix.yaml.Patcher;
import dev.composefix.yaml.Splicer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependsOnTest {
  static final String C = "service_completed_successfully";

  /** The text after making service 'app' wait for 'init', or null when require refuses. */
  static String require(String yaml) throws Exception {
    ComposeFile f = ComposeFile.of(Document.parse(yaml), "compose.yaml");
    List<Patch> edits =
        DependsOn.require(new Patcher(f.doc, ComposePolicy.INSTANCE), f.service("app"), "init", C);
    if (Patch.refusal(edits) != null) {
      return null;
    }
    String out = Splicer.apply(yaml, Patch.edits(edits));
    Document.parse(out);
    return out;
  }

  @Test
  void targetAlreadyInTheShortListGetsTheCondition() throws Exception {
    assertEquals(
        """
        services:
          app:
            depends_on:
              db:
                condition: service_started
              init:
                condition: service_completed_successfully
        """,
        require(
            """
        services:
          app:
            depends_on:
              - db
              - init
        """));
  }

  @Test
  void targetAlreadyInTheFlowListGetsTheCondition() throws Exception {
    assertEquals(
        """
        services:
          app:
            depends_on:
              init:
                condition: service_completed_successfully
              db:
                condition: service_started
        """,
        require(
            """
        services:
          app:
            depends_on: [init, db]
        """));
  }

  @Test
  void anExistingConditionIsTheUsersChoice() throws Exception {
    String in =
        """
        services:
          app:
            depends_on:
              init:
                condition: service_started
        """;
    assertEquals(in, require(in));
  }

  @Test
  void anEntryWithoutConditionGetsOne() throws Exception {
    assertEquals(
        """
        services:
          app:
            depends_on:
              init:
                required: true
                condition: service_completed_successfully
        """,
        require(
            """
        services:
          app:
            depends_on:
              init:
                required: true
        """));
  }

  @Test
  void taggedOrUnusualListsAreRefused() throws Exception {
    assertNull(require("services:\n  app:\n    depends_on: !reset [db]\n"));
    assertNull(require("services:\n  app:\n    depends_on:\n      - {db: x}\n"));
    assertNull(require("services:\n  app:\n    depends_on: db\n"));
    assertNull(
        require("services: {app: {depends_on: [db]}}\n"), "a flow list inside a flow mapping");
  }

  @Test
  void aMissingDependsOnIsAddedInMapForm() throws Exception {
    String out = require("services:\n  app:\n    image: x\n");
    assertTrue(
        out.endsWith(
            "    depends_on:\n      init:\n        condition: service_completed_successfully\n"),
        out);
  }

  @Test
  void theLastLineWithoutANewlineStaysWithoutOne() throws Exception {
    assertEquals(
        "services:\n  app:\n    depends_on:\n      db:\n        condition: service_started\n"
            + "      init:\n        condition: service_completed_successfully",
        require("services:\n  app:\n    depends_on:\n      - db"));
  }
}
