import { lazy } from 'react';
import { UsagePage } from '../features/usage/usage-page';
import { createBrowserRouter, Navigate } from 'react-router';
import { AccountDeletedPage } from '../features/account/account-deleted-page';
import { AccountPage } from '../features/account/account-page';
import { EmailChangePage } from '../features/account/email-change-page';
import { RestoreAccountPage } from '../features/account/restore-account-page';
import { ApiKeysPage } from '../features/api-keys/api-keys-page';
import { AuditPage } from '../features/audit/audit-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { BillingPage } from '../features/billing/billing-page';
import { VerifyPage } from '../features/auth/verify-page';
import { DocumentDetailPage } from '../features/documents/document-detail-page';
import { DocumentsPage } from '../features/documents/documents-page';
import { EditIncidentPage } from '../features/incidents/edit-incident-page';
import { IncidentDetailPage } from '../features/incidents/incident-detail-page';
import { IncidentsPage } from '../features/incidents/incidents-page';
import { NewIncidentPage } from '../features/incidents/new-incident-page';
import { TimelinePage } from '../features/incidents/timeline-page';
import { FeedbackPage } from '../features/feedback/feedback-page';
import { MyFeedbackPage } from '../features/feedback/my-feedback-page';
import { MembersPage } from '../features/members/members-page';
import { ExportPage } from '../features/privacy/export-page';
import { PrivacyPage } from '../features/privacy/privacy-page';
import { ReportPage } from '../features/reports/report-page';
import { SubprocessorsPage } from '../features/privacy/subprocessors-page';
import { EmailPreferencesPage } from '../features/notifications/email-preferences-page';
import { UnsubscribePage } from '../features/notifications/unsubscribe-page';
import { PracticePage } from '../features/practice/practice-page';
import { LazyProgressPage } from '../features/practice/progress-route';
import { AccessLogPage } from '../features/wellbeing/access-log-page';
import { CareNotesPage } from '../features/wellbeing/care-notes-page';
import { ComplaintsPage } from '../features/wellbeing/complaints-page';
import { SafetyPlanPage, SafetyPlanVersionPage } from '../features/wellbeing/safety-plan-page';
import { WellbeingLayout } from '../features/wellbeing/wellbeing-layout';
import { AcceptInvitePage } from '../features/workspaces/accept-invite-page';
import { WorkspaceLayout } from '../features/workspaces/workspace-layout';
import { WorkspacesPage } from '../features/workspaces/workspaces-page';
import { AppShell } from './app-shell';
import { HomeRedirect } from './home-redirect';
import { NotFoundPage } from './not-found-page';
import { PublicLayout } from './public-layout';
import { RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

// The chart library is only needed on the check-ins page, so it loads with it.
const CheckInsPage = lazy(async () => ({
  default: (await import('../features/wellbeing/check-ins-page')).CheckInsPage,
}));

/** Every page of the app. Pages under RequireAuth need a session; /w/:workspaceId pages get their workspace from WorkspaceLayout. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicLayout />,
          children: [
            { path: 'sign-in', element: <SignInPage /> },
            { path: 'auth/verify', element: <VerifyPage /> },
            { path: 'privacy', element: <PrivacyPage /> },
            { path: 'subprocessors', element: <SubprocessorsPage /> },
            { path: 'unsubscribe', element: <UnsubscribePage /> },
            { path: 'account/deleted', element: <AccountDeletedPage /> },
            { path: 'account/restore', element: <RestoreAccountPage /> },
          ],
        },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppShell />,
              children: [
                { index: true, element: <HomeRedirect /> },
                { path: 'workspaces', element: <WorkspacesPage /> },
                { path: 'invites/accept', element: <AcceptInvitePage /> },
                { path: 'account', element: <AccountPage /> },
                { path: 'account/export', element: <ExportPage /> },
                { path: 'admin/usage', element: <UsagePage /> },
                { path: 'account/email', element: <EmailPreferencesPage /> },
                { path: 'account/email-change', element: <EmailChangePage /> },
                {
                  path: 'w/:workspaceId',
                  element: <WorkspaceLayout />,
                  children: [
                    { index: true, element: <Navigate to="incidents" replace /> },
                    { path: 'incidents', element: <IncidentsPage /> },
                    { path: 'incidents/new', element: <NewIncidentPage /> },
                    { path: 'incidents/:incidentId', element: <IncidentDetailPage /> },
                    { path: 'incidents/:incidentId/edit', element: <EditIncidentPage /> },
                    { path: 'timeline', element: <TimelinePage /> },
                    { path: 'report', element: <ReportPage /> },
                    { path: 'documents', element: <DocumentsPage /> },
                    { path: 'documents/:documentId', element: <DocumentDetailPage /> },
                    {
                      path: 'wellbeing',
                      element: <WellbeingLayout />,
                      children: [
                        { index: true, element: <Navigate to="check-ins" replace /> },
                        { path: 'check-ins', element: <CheckInsPage /> },
                        { path: 'safety-plan', element: <SafetyPlanPage /> },
                        { path: 'safety-plan/versions/:version', element: <SafetyPlanVersionPage /> },
                        { path: 'complaints', element: <ComplaintsPage /> },
                        { path: 'care-notes', element: <CareNotesPage /> },
                        { path: 'access-log', element: <AccessLogPage /> },
                      ],
                    },
                    { path: 'practice', element: <PracticePage /> },
                    { path: 'practice/progress', element: <LazyProgressPage /> },
                    { path: 'audit', element: <AuditPage /> },
                    { path: 'members', element: <MembersPage /> },
                    { path: 'api-keys', element: <ApiKeysPage /> },
                    { path: 'feedback', element: <FeedbackPage /> },
                    { path: 'feedback/mine', element: <MyFeedbackPage /> },
                    { path: 'billing', element: <BillingPage /> },
                  ],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
