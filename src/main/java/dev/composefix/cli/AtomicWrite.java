package dev.composefix.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Replaces a file's content atomically: a temporary file beside the target (a hidden name that no
 * compose glob matches), flushed to disk, given the target's permissions and owner, then renamed
 * over it. A symlink is written at its target, so the link stays a link.
 */
final class AtomicWrite {
  /**
   * A temporary file this old was left by a run that was killed; a live run renames within seconds.
   */
  static final Duration STALE = Duration.ofMinutes(10);

  private AtomicWrite() {}

  static void write(Path file, String text) throws IOException {
    Path target = file.toRealPath();
    Path dir = target.getParent();
    refuseReadOnly(target, "the file is read-only");
    refuseReadOnly(dir, "its directory is read-only");
    removeStale(dir, target.getFileName().toString());
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".composefix-", ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      PosixFileAttributeView view =
          Files.getFileAttributeView(target, PosixFileAttributeView.class);
      if (view != null) {
        PosixFileAttributes attrs = view.readAttributes();
        PosixFileAttributeView tv = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        tv.setPermissions(attrs.permissions());
        try {
          tv.setOwner(attrs.owner());
          tv.setGroup(attrs.group());
        } catch (IOException | SecurityException e) {
          // only root may give a file away; a user rewriting its own file keeps it anyway
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A rename would replace a read-only file (only the directory's permission counts), and root may
   * write anywhere: a file or directory that nobody may write is refused, as is one this user may
   * not write.
   */
  private static void refuseReadOnly(Path p, String why) throws IOException {
    boolean writable = Files.isWritable(p);
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      writable &=
          perms.contains(PosixFilePermission.OWNER_WRITE)
              || perms.contains(PosixFilePermission.GROUP_WRITE)
              || perms.contains(PosixFilePermission.OTHERS_WRITE);
    }
    if (!writable) {
      throw new AccessDeniedException(p.toString(), null, why);
    }
  }

  /**
   * Deletes this file's temporary files that a killed run left behind (hidden names, never compose
   * globs).
   */
  private static void removeStale(Path dir, String name) {
    String prefix = "." + name + ".composefix-";
    Instant limit = Instant.now().minus(STALE);
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(
            dir,
            p -> {
              String n = p.getFileName().toString();
              return n.startsWith(prefix) && n.endsWith(".tmp");
            })) {
      for (Path p : ds) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(limit)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a leftover is hidden and harmless
    }
  }
}
