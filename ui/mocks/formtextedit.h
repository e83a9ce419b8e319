#pragma once

#include <QPlainTextEdit>

#include <functional>

// A plain text field of the Mocks panel's forms that says when it loses focus, so the forms
// commit then rather than waiting for the typing pause.
class FormTextEdit : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;
    std::function<void()> onFocusOut;

protected:
    void focusOutEvent(QFocusEvent *event) override
    {
        QPlainTextEdit::focusOutEvent(event);
        if (onFocusOut)
            onFocusOut();
    }
};
