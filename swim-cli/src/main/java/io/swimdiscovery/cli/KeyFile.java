package io.swimdiscovery.cli;

import io.swimdiscovery.core.security.Keyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a key file: one Base64 AES key per line, the first one seals; blank lines and {@code #} comments skipped. */
final class KeyFile {

    private KeyFile() {}

    /** @throws IllegalArgumentException naming the file and line that is wrong */
    static List<byte[]> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--key-file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                keys.add(Keyring.parseKey(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--key-file " + file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--key-file " + file + " holds no key");
        }
        return keys;
    }
}
