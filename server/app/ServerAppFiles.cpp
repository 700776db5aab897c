// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerApp's part for the file store (docs/files.md): wallpapers devices download.
#include "server/app/ServerApp.h"
#include "server/db/FileRepository.h"
#include "server/gateway/DeviceGateway.h"
#include "server/http/HttpApi.h"
#include "server/http/routes/FileRoutes.h"
#include "server/services/FileService.h"

namespace steward::server {

void ServerApp::addFiles()
{
    m_files = std::make_unique<db::FileRepository>(*m_database);
    m_fileService = std::make_unique<services::FileService>(
        *m_files, *m_audit, services::systemClock(), m_settings.maxRequestBytes);
    http::addFileRoutes(m_http->router(), *m_fileService, *m_access,
                        [this](const http::HttpRequest& request) -> Result<void> {
                            auto device =
                                m_deviceGateway->admit(request.peerCertificate, request.peerText());
                            if (!device) {
                                return device.error();
                            }
                            return {};
                        });
}

} // namespace steward::server
