package io.alertgate.secret;

import io.alertgate.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * {@code master.key} in the data directory: the master key as one line of base64, readable by its owner only, so that
 * an operator can copy it into {@code ALERTGATE_MASTER_KEY} for the other gateways. Once written it is never
 * replaced, since every value sealed with it would be lost with it.
 */
final class MasterKeyFile {

  static final String NAME = "master.key";

  /** The key read or written, and whether this call generated it. */
  record Loaded(byte[] key, boolean generated) {}

  private final Path file;

  private MasterKeyFile(Path file) {
    this.file = file;
  }

  static MasterKeyFile in(Path dataDir) {
    return new MasterKeyFile(dataDir.toAbsolutePath().normalize().resolve(NAME));
  }

  /** The stored key, or a new one from {@code generator} stored first, unless another process stores its own first. */
  Loaded loadOrCreate(Supplier<byte[]> generator) {
    try {
      try {
        return new Loaded(read(), false);
      } catch (NoSuchFileException firstStart) {
        return create(generator.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or write the master key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the whole key to a temporary file, synced, then links it in under its name. The link fails when the name
   * is taken, where a rename would silently replace the file a concurrent first start has already begun to use; the
   * process that loses the race reads the winner's key, which is complete from the moment its name appears.
   */
  private Loaded create(byte[] key) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, NAME + ".", ".tmp", ownerOnly(dir));
    try {
      writeSynced(temp, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
      try {
        link(temp);
      } catch (FileAlreadyExistsException raced) {
        return new Loaded(read(), false);
      }
      syncDirectory(dir);
      return new Loaded(key, true);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void link(Path temp) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException raced) {
      throw raced;
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      // Without hard links, a move that refuses an existing target; it checks before it renames, so two first starts
      // in the same instant could still both succeed here, which the link above rules out where it is available.
      Files.move(temp, file);
    }
  }

  private byte[] read() throws IOException {
    // Any byte is a character in ISO-8859-1: a damaged file is reported as not holding a key, not as a charset error.
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return MasterKey.decode(text).orElseThrow(() -> new ConfigException(file.toString(), "does not hold a master key "
        + "(one line of base64 of " + MasterKey.BYTES + " bytes, as the gateway writes it): restore it from a backup, "
        + "or set " + MasterKey.VARIABLE));
  }

  /** Mode 0600 where the file system has POSIX permissions; elsewhere the directory's own access rules apply. */
  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }

  private static void writeSynced(Path path, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** So that the new name survives a power cut: losing it would lose every value sealed after this start. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notEverywhere) {
      // Some systems (Windows) cannot open a directory; the file's content is synced all the same.
    }
  }
}
