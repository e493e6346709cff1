package dev.composefix.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces a file's content atomically: a temporary file beside the target (a hidden name that no
 * compose glob matches), flushed to disk, given the target's permissions and owner, then renamed
 * over it. A symlink is written at its target, so the link stays a link.
 */
final class AtomicWrite {
  private AtomicWrite() { }

  static void write(Path file, String text) throws IOException {
    Path target = file.toRealPath();
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".composefix-", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
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
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
