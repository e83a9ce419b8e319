#pragma once

class QSslCertificate;
class QSslKey;

// Whether a private key belongs to a certificate. Qt has no call for it, and a server given a
// key of another certificate starts fine and then fails every TLS handshake; so the public
// part a PEM private key carries (RSA: its modulus and exponent; EC: its public point) is read
// from its DER and compared with the certificate's public key.
namespace TlsKeyPair {

// True also when the key's DER is not one this reads (then nothing can be said against it).
bool belongTogether(const QSslKey &privateKey, const QSslCertificate &certificate);

} // namespace TlsKeyPair
