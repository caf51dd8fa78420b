package io.swimdiscovery.core.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The AES keys a node seals and opens packets with. The primary key seals; every installed key is
 * tried to open, so a key can be rotated across a running cluster: {@link #install} the new key
 * everywhere, {@link #use} it everywhere, then {@link #remove} the old one.
 *
 * <p>AES-GCM from the JDK with a fresh 12-byte nonce from a {@link SecureRandom} per packet and a
 * 128-bit tag. The caller's associated data (the packet header and the cluster name) is
 * authenticated but not encrypted, so a packet from another cluster with the same key fails to
 * open.
 *
 * <p>Thread-safe: readers see an immutable snapshot of the keys; changes are serialised. Key
 * bytes are never printed.
 */
public final class Keyring {

    /** Bytes of the random nonce written in front of the ciphertext. */
    public static final int NONCE_BYTES = 12;

    /** Bytes of the GCM authentication tag written after the ciphertext. */
    public static final int TAG_BYTES = 16;

    /** Bytes sealing adds to the plaintext. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    // A Cipher is stateful and costly to look up; one per thread (event loop, Netty I/O threads).
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(Keyring::newCipher);

    /** Primary first. Replaced, never mutated, so {@link #seal}/{@link #open} need no lock. */
    private volatile List<SecretKey> keys;

    private Keyring(List<SecretKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** A keyring with no keys: only plaintext mode is possible until a key is installed. */
    public static Keyring empty() {
        return new Keyring(List.of());
    }

    /**
     * A keyring whose primary key is {@code primary}, with {@code others} installed for opening.
     *
     * @throws IllegalArgumentException if a key is not 16, 24 or 32 bytes long
     */
    public static Keyring of(byte[] primary, byte[]... others) {
        Keyring ring = new Keyring(List.of(toKey(primary)));
        for (byte[] key : others) {
            ring.install(key);
        }
        return ring;
    }

    /**
     * Decodes a Base64 key as it appears in configuration.
     *
     * @throws IllegalArgumentException if the text is not Base64 or not a 16, 24 or 32 byte key
     */
    public static byte[] parseKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption key is not valid Base64", e);
        }
        checkLength(key);
        return key;
    }

    /**
     * Adds a key used to open packets. On an empty keyring it also becomes the primary key.
     * Installing a key that is already there changes nothing.
     *
     * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes long
     */
    public synchronized void install(byte[] key) {
        SecretKey k = toKey(key);
        if (indexOf(key) >= 0) {
            return;
        }
        List<SecretKey> next = new ArrayList<>(keys);
        next.add(k);
        keys = List.copyOf(next);
    }

    /**
     * Makes an installed key the primary key, the one that seals from now on.
     *
     * @throws IllegalArgumentException if the key is not installed
     */
    public synchronized void use(byte[] key) {
        int i = indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("key is not installed; install it before using it");
        }
        List<SecretKey> next = new ArrayList<>(keys);
        next.add(0, next.remove(i));
        keys = List.copyOf(next);
    }

    /**
     * Removes a key; packets sealed with it no longer open. Removing a key that is not installed
     * changes nothing.
     *
     * @throws IllegalArgumentException if it is the primary key (make another key primary first)
     */
    public synchronized void remove(byte[] key) {
        int i = indexOf(key);
        if (i < 0) {
            return;
        }
        if (i == 0) {
            throw new IllegalArgumentException("cannot remove the primary key; use another key first");
        }
        List<SecretKey> next = new ArrayList<>(keys);
        next.remove(i);
        keys = List.copyOf(next);
    }

    /** Whether there is a primary key, so packets can be sealed. */
    public boolean canSeal() {
        return !keys.isEmpty();
    }

    /** Number of installed keys, the primary included. */
    public int size() {
        return keys.size();
    }

    /** Whether {@code key} is installed. */
    public boolean contains(byte[] key) {
        return indexOf(key) >= 0;
    }

    /** Whether {@code key} is the primary key. */
    public boolean isPrimary(byte[] key) {
        return indexOf(key) == 0;
    }

    /**
     * Seals in place with the primary key. On entry {@code buf[off + NONCE_BYTES, + plainLen)} holds
     * the plaintext; on return {@code buf[off, off + NONCE_BYTES)} holds the nonce, the plaintext
     * is replaced by the ciphertext and the tag follows it. {@code buf} must have
     * {@link #OVERHEAD} + {@code plainLen} bytes from {@code off}.
     *
     * @param associatedData authenticated, not encrypted (header and cluster name)
     * @throws IllegalStateException if there is no primary key
     */
    public void seal(byte[] associatedData, byte[] buf, int off, int plainLen) {
        List<SecretKey> snapshot = keys;
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("no encryption key installed");
        }
        // SecureRandom has no (array, offset) variant; a 12-byte temporary is the price.
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, buf, off, NONCE_BYTES);
        Cipher cipher = CIPHER.get();
        try {
            cipher.init(
                    Cipher.ENCRYPT_MODE, snapshot.get(0), new GCMParameterSpec(TAG_BYTES * 8, buf, off, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            int dataOff = off + NONCE_BYTES;
            cipher.doFinal(buf, dataOff, plainLen, buf, dataOff);
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every Java SE runtime and the key length is checked on install.
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * Opens {@code buf[off, off + len)} (nonce, ciphertext, tag), trying every installed key,
     * primary first.
     *
     * @param associatedData must equal what the sender sealed with
     * @return the plaintext, or {@code null} if no key authenticates the packet (wrong key, wrong
     *     cluster name, tampering, too short)
     */
    public byte @Nullable [] open(byte[] associatedData, byte[] buf, int off, int len) {
        if (len < OVERHEAD) {
            return null;
        }
        Cipher cipher = CIPHER.get();
        for (SecretKey key : keys) {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, buf, off, NONCE_BYTES));
                cipher.updateAAD(associatedData);
                return cipher.doFinal(buf, off + NONCE_BYTES, len - NONCE_BYTES);
            } catch (GeneralSecurityException | IllegalStateException e) {
                // Not this key (AEADBadTagException); try the next one.
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Keyring[" + keys.size() + " keys]";
    }

    private int indexOf(byte[] key) {
        List<SecretKey> snapshot = keys;
        for (int i = 0; i < snapshot.size(); i++) {
            if (MessageDigest.isEqual(snapshot.get(i).getEncoded(), key)) {
                return i;
            }
        }
        return -1;
    }

    private static SecretKey toKey(byte[] key) {
        checkLength(key);
        return new SecretKeySpec(key.clone(), "AES");
    }

    private static void checkLength(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(
                    "AES key must be 16, 24 or 32 bytes (AES-128, AES-192 or AES-256), was " + key.length + " bytes");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available in this JVM", e);
        }
    }
}
