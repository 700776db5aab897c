// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateDialogs - Create a web certificate: alias, host names, key, validity.
#pragma once

#include "console/models/WebCertificateModel.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace steward::console::ui {

/**
 * Alias, host names (the server's own names and addresses as checkable suggestions, plus
 * more typed comma-separated), key spec (EC P-256 by default) and validity. OK stays off
 * until every name is a fully qualified domain name or an IP address, and says which is not.
 */
class CreateWebCertificateDialog : public QDialog {
    Q_OBJECT

public:
    /** \a suggestions: GET …/host-names "names", offered unchecked. */
    explicit CreateWebCertificateDialog(const QStringList& suggestions, QWidget* parent = nullptr);
    [[nodiscard]] models::WebCertificateRequest request() const;
    [[nodiscard]] QStringList suggestions() const;
    [[nodiscard]] QString problem() const;
    [[nodiscard]] bool acceptable() const;
    void setAlias(const QString& alias);
    void setChecked(const QString& suggestion, bool checked);
    void setExtraNames(const QString& commaSeparated);
    /** 0: EC P-256, 1: RSA 2048, 2: RSA 4096. */
    void setKeyChoice(int choice);
    void setValidityDays(int days);

private:
    [[nodiscard]] QStringList hostNames() const;
    void refresh();

    QLineEdit* m_alias = nullptr;
    QListWidget* m_suggestions = nullptr;
    QLineEdit* m_extra = nullptr;
    QComboBox* m_key = nullptr;
    QSpinBox* m_validity = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace steward::console::ui
