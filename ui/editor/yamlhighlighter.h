#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QPalette;

// Line-based YAML colouring for Mocket configs: comments, keys (Mocket's own in bold),
// quoted strings, {{ ... }} template placeholders, list dashes and plain scalars
// that are numbers, booleans or null. Block scalars (key: | and key: >) are carried
// across lines in the block state, as the indentation of the key that opened them.
class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Role {
        Comment,
        Key,
        MocketKey,
        String,
        Placeholder,
        Dash,
        Scalar, // numbers, booleans, null
        Anchor, // &anchor, *alias, !tag
        DocumentMarker, // --- and ...
        RoleCount
    };

    explicit YamlHighlighter(QTextDocument *parent = nullptr);

    // Picks the light or dark colour scheme from the palette's Base colour.
    void setPalette(const QPalette &palette);
    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    bool continueBlockScalar(const QString &text, int indent);
    int highlightDashes(const QString &text, int from, int *parentIndent);
    int highlightKey(const QString &text, int from, int *parentIndent);
    void highlightValue(const QString &text, int from, int parentIndent);
    int highlightAnchor(const QString &text, int from);
    int highlightPlainScalar(const QString &text, int from, bool inFlow, int parentIndent);
    void highlightPlaceholders(const QString &text, int from, int to);
    void apply(int from, int to, Role role);

    std::array<QTextCharFormat, static_cast<size_t>(Role::RoleCount)> m_formats;
};
