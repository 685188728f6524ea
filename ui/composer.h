#pragma once

#include <QPlainTextEdit>

#include <functional>

namespace tandem {

/// The reply editor: Enter sends, Shift+Enter starts a new line. While a completion popup is
/// open (canned responses), Enter, Tab and Esc belong to the popup.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    /// Tells the composer whether a completion popup is open.
    void setCompletionPopup(std::function<bool()> isOpen) { m_popupOpen = std::move(isOpen); }

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    bool popupOpen() const { return m_popupOpen && m_popupOpen(); }

    std::function<bool()> m_popupOpen;
};

} // namespace tandem
