#pragma once

#include <QPlainTextEdit>

namespace tandem {

/// The reply editor: Enter sends, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace tandem
