#include "tlskeypair.h"

#include <QSslCertificate>
#include <QSslKey>

#include <optional>

namespace TlsKeyPair {

namespace {
// One DER element (tag, length, content) inside a larger buffer.
struct Element
{
    uchar tag = 0;
    qsizetype start = 0; // of the whole element
    qsizetype contentStart = 0;
    qsizetype contentSize = 0;
    qsizetype end() const { return contentStart + contentSize; }
};

std::optional<Element> readElement(const QByteArray &der, qsizetype at, qsizetype limit)
{
    if (at + 2 > limit)
        return std::nullopt;
    Element element;
    element.tag = uchar(der.at(at));
    element.start = at;
    const uchar first = uchar(der.at(at + 1));
    qsizetype position = at + 2;
    qsizetype size = first;
    if (first & 0x80) { // long form: the next (first & 0x7f) bytes hold the length
        const int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 4 || position + bytes > limit)
            return std::nullopt;
        size = 0;
        for (int i = 0; i < bytes; ++i)
            size = (size << 8) | uchar(der.at(position++));
    }
    element.contentStart = position;
    element.contentSize = size;
    if (element.end() > limit)
        return std::nullopt;
    return element;
}

// The children of a constructed element, in order.
QList<Element> children(const QByteArray &der, const Element &parent)
{
    QList<Element> list;
    qsizetype at = parent.contentStart;
    while (at < parent.end()) {
        const std::optional<Element> child = readElement(der, at, parent.end());
        if (!child)
            return {};
        list.append(*child);
        at = child->end();
    }
    return list;
}

// What a certificate's public key DER ends with when it is this key's: for RSA (PKCS#1:
// version, modulus, exponent, ...) the modulus and exponent; for EC (SEC 1: version, secret,
// [0] curve, [1] public point) the public point's BIT STRING. Empty when the DER says nothing.
QByteArray publicPart(const QSslKey &key)
{
    const QByteArray der = key.toDer();
    const std::optional<Element> outer = readElement(der, 0, der.size());
    if (!outer || outer->tag != 0x30)
        return {};
    const QList<Element> fields = children(der, *outer);
    if (key.algorithm() == QSsl::Rsa && fields.size() >= 3)
        return der.mid(fields.at(1).start, fields.at(2).end() - fields.at(1).start);
    if (key.algorithm() == QSsl::Ec) {
        for (const Element &field : fields)
            if (field.tag == 0xa1) // [1], explicit: the public point
                return der.mid(field.contentStart, field.contentSize);
    }
    return {};
}
} // namespace

bool belongTogether(const QSslKey &privateKey, const QSslCertificate &certificate)
{
    const QSslKey publicKey = certificate.publicKey();
    if (publicKey.algorithm() != privateKey.algorithm())
        return false;
    const QByteArray part = publicPart(privateKey);
    return part.isEmpty() || publicKey.toDer().endsWith(part);
}

} // namespace TlsKeyPair
