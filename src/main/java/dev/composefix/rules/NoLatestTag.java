package dev.composefix.rules;

import dev.composefix.compose.Service;
import dev.composefix.knowledge.ImageRef;
import dev.composefix.rule.Check;
import dev.composefix.rule.RuleContext;
import java.util.Set;

/**
 * Reports images pulled without a tag or with {@code latest}: what runs changes with every pull.
 */
public final class NoLatestTag extends Check {
  @Override
  protected void checkService(RuleContext ctx, Service s, Set<String> oneShot) {
    String img = s.image();
    if (img == null || img.isBlank() || s.has("build")) {
      return; // with `build`, `image` names what is built here, not something pulled
    }
    String resolved = Images.withDefaults(img);
    ImageRef r = ImageRef.parse(resolved);
    if (r.digest() != null || Images.tagUnknown(r)) {
      return;
    }
    if (r.tag() == null
        && resolved.indexOf(Images.UNKNOWN) >= 0
        && resolved.lastIndexOf(Images.UNKNOWN) > resolved.lastIndexOf('/')) {
      return; // the variable may carry the tag: `app${TAG}` or `${IMAGE}`
    }
    String why;
    if (r.tag() == null) {
      why = "has no tag (which means `latest`)";
    } else if (r.tag().equalsIgnoreCase("latest")) {
      why = img.equals(resolved) ? "uses the `latest` tag" : "defaults to the `latest` tag";
    } else {
      return;
    }
    ctx.report(
        s.get("image"),
        s,
        "service '"
            + s.name
            + "': image `"
            + img
            + "` "
            + why
            + ": every pull may run a different version; pin a version tag"
            + example(img, r)
            + " or a digest");
  }

  /**
   * An example of the pinned reference, written as the user wrote the image (a variable stays a
   * variable).
   */
  private static String example(String img, ImageRef r) {
    if (r.tag() == null) {
      return " (e.g. `" + img + ":<version>`)";
    }
    return r.name().indexOf(Images.UNKNOWN) < 0 ? " (e.g. `" + r.name() + ":<version>`)" : "";
  }
}
