package io.swimdiscovery.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyringTests {

    private static final byte[] AAD = "header+cluster".getBytes(StandardCharsets.UTF_8);
    private static final byte[] K1 = key(16, 1);
    private static final byte[] K2 = key(24, 2);
    private static final byte[] K3 = key(32, 3);

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void keyOfAnAesLength_sealsAndOpens(int length) {
        Keyring ring = Keyring.of(key(length, 9));

        assertThat(open(ring, seal(ring, "hello"))).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 17, 31, 33, 64})
    void keyOfAnotherLength_isRefusedNamingTheLengthsExpected(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Keyring.of(new byte[length]))
                .withMessageContaining("16, 24 or 32 bytes")
                .withMessageContaining("was " + length);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Keyring.empty().install(new byte[length]))
                .withMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void sealing_usesAFreshNonceEachTime() {
        Keyring ring = Keyring.of(K1);
        assertThat(seal(ring, "same")).isNotEqualTo(seal(ring, "same"));
    }

    @Test
    void wrongKey_doesNotOpen() {
        byte[] sealed = seal(Keyring.of(K1), "secret");
        assertThat(Keyring.of(K2).open(AAD, sealed, 0, sealed.length)).isNull();
    }

    @Test
    void otherAssociatedData_doesNotOpen() {
        Keyring ring = Keyring.of(K1);
        byte[] sealed = seal(ring, "secret");
        byte[] otherCluster = "header+other".getBytes(StandardCharsets.UTF_8);

        assertThat(ring.open(otherCluster, sealed, 0, sealed.length)).isNull();
    }

    @Test
    void tamperedCiphertext_doesNotOpen() {
        Keyring ring = Keyring.of(K1);
        byte[] sealed = seal(ring, "secret");
        sealed[Keyring.NONCE_BYTES] ^= 1;

        assertThat(ring.open(AAD, sealed, 0, sealed.length)).isNull();
    }

    @Test
    void inputShorterThanNonceAndTag_doesNotOpen() {
        assertThat(Keyring.of(K1).open(AAD, new byte[27], 0, 27)).isNull();
    }

    @Test
    void rotation_installUseRemove_keepsOldPacketsReadableUntilTheOldKeyIsRemoved() {
        Keyring ring = Keyring.of(K1);
        byte[] sealedWithOld = seal(ring, "old");

        ring.install(K2);
        assertThat(ring.isPrimary(K1)).isTrue();
        ring.use(K2);
        byte[] sealedWithNew = seal(ring, "new");

        assertThat(Keyring.of(K2).open(AAD, sealedWithNew, 0, sealedWithNew.length))
                .as("new primary seals")
                .isNotNull();
        assertThat(open(ring, sealedWithOld)).isEqualTo("old");
        ring.remove(K1);
        assertThat(ring.open(AAD, sealedWithOld, 0, sealedWithOld.length)).isNull();
        assertThat(open(ring, sealedWithNew)).isEqualTo("new");
        assertThat(ring.size()).isEqualTo(1);
    }

    @Test
    void primaryKey_cannotBeRemoved() {
        Keyring ring = Keyring.of(K1, K2);
        assertThatIllegalArgumentException().isThrownBy(() -> ring.remove(K1)).withMessageContaining("primary");
        assertThat(ring.contains(K1)).isTrue();
    }

    @Test
    void usingAKeyThatIsNotInstalled_isRefused() {
        Keyring ring = Keyring.of(K1);
        assertThatIllegalArgumentException().isThrownBy(() -> ring.use(K3)).withMessageContaining("not installed");
        assertThat(ring.isPrimary(K1)).isTrue();
    }

    @Test
    void firstKeyInstalledInAnEmptyRing_becomesPrimary() {
        Keyring ring = Keyring.empty();
        assertThat(ring.canSeal()).isFalse();

        ring.install(K3);
        ring.install(K3);

        assertThat(ring.canSeal()).isTrue();
        assertThat(ring.isPrimary(K3)).isTrue();
        assertThat(ring.size()).isEqualTo(1);
    }

    @Test
    void emptyRing_cannotSeal() {
        assertThatIllegalStateException()
                .isThrownBy(() -> seal(Keyring.empty(), "x"))
                .withMessageContaining("no encryption key");
    }

    @Test
    void keyChangedByTheCallerAfterInstall_doesNotChangeTheRing() {
        byte[] mutable = K1.clone();
        Keyring ring = Keyring.of(mutable);
        byte[] sealed = seal(ring, "x");
        Arrays.fill(mutable, (byte) 0);

        assertThat(open(ring, sealed)).isEqualTo("x");
    }

    @Test
    void base64KeyFromConfiguration_isParsedOrRefusedClearly() {
        assertThat(Keyring.parseKey(" " + Base64.getEncoder().encodeToString(K3) + "\n"))
                .isEqualTo(K3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Keyring.parseKey("not base64!"))
                .withMessageContaining("Base64");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Keyring.parseKey(Base64.getEncoder().encodeToString(new byte[10])))
                .withMessageContaining("16, 24 or 32");
    }

    @Test
    void toString_neverShowsKeyBytes() {
        assertThat(Keyring.of(K1, K2).toString()).isEqualTo("Keyring[2 keys]");
    }

    private static byte[] seal(Keyring ring, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[Keyring.OVERHEAD + plain.length];
        System.arraycopy(plain, 0, buf, Keyring.NONCE_BYTES, plain.length);
        ring.seal(AAD, buf, 0, plain.length);
        return buf;
    }

    private static String open(Keyring ring, byte[] sealed) {
        byte[] plain = ring.open(AAD, sealed, 0, sealed.length);
        assertThat(plain).as("opens").isNotNull();
        return new String(plain, StandardCharsets.UTF_8);
    }

    private static byte[] key(int length, int fill) {
        byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            key[i] = (byte) (fill * 31 + i);
        }
        return key;
    }
}
