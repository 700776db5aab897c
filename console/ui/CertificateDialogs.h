// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateDialogs - Generate, Import, the twice-typed export password, and text views.
#pragma once

#include "console/models/CertificateModel.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace steward::console::ui {

/** Alias, key spec (RSA-4096/SHA512withRSA by default), names, common name, validity. */
class GenerateCertificateDialog : public QDialog {
    Q_OBJECT

public:
    explicit GenerateCertificateDialog(QWidget* parent = nullptr);
    [[nodiscard]] models::GenerateRequest request() const;
    void setAlias(const QString& alias);
    /** 0: RSA 4096, 1: RSA 2048, 2: EC P-256. */
    void setKeyChoice(int choice);
    void setNames(const QString& commaSeparated);
    void setValidityDays(int days);

private:
    void refresh();

    QLineEdit* m_alias = nullptr;
    QComboBox* m_key = nullptr;
    QLineEdit* m_names = nullptr;
    QLineEdit* m_commonName = nullptr;
    QSpinBox* m_validity = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

/** An alias and either PEM files (certificate, optional key) or a PKCS#12 file, a password. */
class ImportCertificateDialog : public QDialog {
    Q_OBJECT

public:
    explicit ImportCertificateDialog(QWidget* parent = nullptr);
    [[nodiscard]] QString alias() const;
    [[nodiscard]] bool isPkcs12() const;
    [[nodiscard]] QString certificatePath() const;
    [[nodiscard]] QString keyPath() const;
    [[nodiscard]] QString password() const;
    void setAlias(const QString& alias);
    void setPem(const QString& certificatePath, const QString& keyPath);
    void setPkcs12(const QString& path);
    void setPassword(const QString& password);

private:
    void refresh();

    QLineEdit* m_alias = nullptr;
    QRadioButton* m_pem = nullptr;
    QRadioButton* m_pkcs12 = nullptr;
    QLineEdit* m_certificate = nullptr;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_bundle = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

/** A new password typed twice; OK only when both agree and are not empty. */
class ExportPasswordDialog : public QDialog {
    Q_OBJECT

public:
    explicit ExportPasswordDialog(const QString& alias, QWidget* parent = nullptr);
    [[nodiscard]] QString password() const;
    void setPasswords(const QString& first, const QString& second);
    [[nodiscard]] bool acceptable() const;
    [[nodiscard]] QString problem() const;

private:
    void refresh();

    QLineEdit* m_first = nullptr;
    QLineEdit* m_second = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

/** Read-only text (the content of a certificate, the devices using it), copyable. */
class CertificateTextDialog : public QDialog {
    Q_OBJECT

public:
    CertificateTextDialog(const QString& title, const QString& text, QWidget* parent = nullptr);
    [[nodiscard]] QString text() const;

private:
    QPlainTextEdit* m_text = nullptr;
};

/** Subject, issuer, serial, SHA-1/SHA-256, validity, CA flag and SANs of GET …/{id}. */
[[nodiscard]] QString certificateContentText(const QJsonObject& details);
/** "2 devices use \"tckey\":" and one name per line, from GET …/{id}/devices. */
[[nodiscard]] QString certificateDevicesText(const QString& alias, const QJsonObject& devices);

} // namespace steward::console::ui
