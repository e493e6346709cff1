package dev.composefix.rules;

import dev.composefix.knowledge.ImageRef;
import dev.composefix.compose.Service;
import dev.composefix.rule.Applicability;
import dev.composefix.rule.Rule;
import dev.composefix.rule.RuleContext;

/** Reports images pulled without a tag or with {@code latest}: what runs changes with every pull. */
public final class NoLatestTag implements Rule {
  @Override
  public String id() {
    return "no-latest-tag";
  }

  @Override
  public String summary() {
    return "report images without a tag or with `latest` (digests are fine)";
  }

  @Override
  public Applicability applicability() {
    return Applicability.DISPLAY_ONLY;
  }

  @Override
  public void check(RuleContext ctx) {
    for (Service s : ctx.file().services()) {
      String img = s.image();
      if (img == null || img.isBlank() || s.has("build")) {
        continue; // with `build`, `image` names what is built here, not something pulled
      }
      String resolved = Images.withDefaults(img);
      ImageRef r = ImageRef.parse(resolved);
      if (r.digest() != null || Images.tagUnknown(r)) {
        continue;
      }
      if (r.tag() == null && resolved.indexOf(Images.UNKNOWN) >= 0
          && resolved.lastIndexOf(Images.UNKNOWN) > resolved.lastIndexOf('/')) {
        continue; // the variable may carry the tag: `app${TAG}` or `${IMAGE}`
      }
      String why;
      if (r.tag() == null) {
        why = "has no tag (which means `latest`)";
      } else if (r.tag().equalsIgnoreCase("latest")) {
        why = img.equals(resolved) ? "uses the `latest` tag" : "defaults to the `latest` tag";
      } else {
        continue;
      }
      ctx.report(s.get("image"), s, "service '" + s.name + "': image `" + img + "` " + why
          + ": every pull may run a different version; pin a version tag (e.g. `" + r.name()
          + ":<version>`) or a digest");
    }
  }
}
