import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { PublicLayout } from './public-layout';
import { BootLoading, RequireAuth } from './require-auth';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';
import { lazyPage, preloadPagesOf } from './lazy-page';
import { createRouteDataLoaders } from './route-data';

// The entry holds what a signed-out visitor needs (the public frame and the sign-in page); the
// signed-in frame, the workspace and the incident list load with their own chunks, which
// preloadPagesOf below starts at once on a signed-in page, so a phone on the sign-in page neither
// downloads nor runs the signed-in app.
const AppShell = lazyPage(() => import('./app-shell'), 'AppShell');
const HomeRedirect = lazyPage(() => import('./home-redirect'), 'HomeRedirect');
const NotFoundPage = lazyPage(() => import('./not-found-page'), 'NotFoundPage');
const WorkspaceLayout = lazyPage(() => import('../features/workspaces/workspace-layout'), 'WorkspaceLayout');
const IncidentsPage = lazyPage(() => import('../features/incidents/incidents-page'), 'IncidentsPage');
const WellbeingLayout = lazyPage(() => import('../features/wellbeing/wellbeing-layout'), 'WellbeingLayout');

// Every other page loads with its own chunk when its route is first shown: the admin usage page
// and the chart library (check-ins) among them, so neither weighs on the entry.
const UsagePage = lazyPage(() => import('../features/usage/usage-page'), 'UsagePage');
const AccountDeletedPage = lazyPage(
  () => import('../features/account/account-deleted-page'),
  'AccountDeletedPage',
);
const AccountPage = lazyPage(() => import('../features/account/account-page'), 'AccountPage');
const SecurityPage = lazyPage(() => import('../features/security/security-page'), 'SecurityPage');
const EmailChangePage = lazyPage(() => import('../features/account/email-change-page'), 'EmailChangePage');
const RestoreAccountPage = lazyPage(
  () => import('../features/account/restore-account-page'),
  'RestoreAccountPage',
);
const ApiKeysPage = lazyPage(() => import('../features/api-keys/api-keys-page'), 'ApiKeysPage');
const AuditPage = lazyPage(() => import('../features/audit/audit-page'), 'AuditPage');
const BillingPage = lazyPage(() => import('../features/billing/billing-page'), 'BillingPage');
const VerifyPage = lazyPage(() => import('../features/auth/verify-page'), 'VerifyPage');
const DocumentDetailPage = lazyPage(
  () => import('../features/documents/document-detail-page'),
  'DocumentDetailPage',
);
const DocumentsPage = lazyPage(() => import('../features/documents/documents-page'), 'DocumentsPage');
const EditIncidentPage = lazyPage(
  () => import('../features/incidents/edit-incident-page'),
  'EditIncidentPage',
);
const IncidentDetailPage = lazyPage(
  () => import('../features/incidents/incident-detail-page'),
  'IncidentDetailPage',
);
const NewIncidentPage = lazyPage(() => import('../features/incidents/new-incident-page'), 'NewIncidentPage');
const TimelinePage = lazyPage(() => import('../features/incidents/timeline-page'), 'TimelinePage');
const CredentialsLayout = lazyPage(
  () => import('../features/credentials/credentials-layout'),
  'CredentialsLayout',
);
const LicenseDetailPage = lazyPage(
  () => import('../features/credentials/license-detail-page'),
  'LicenseDetailPage',
);
const LicensesPage = lazyPage(() => import('../features/credentials/licenses-page'), 'LicensesPage');
const ActivitiesPage = lazyPage(() => import('../features/credentials/activities-page'), 'ActivitiesPage');
const CredentialsProgressPage = lazyPage(
  () => import('../features/credentials/progress-page'),
  'ProgressPage',
);
const SharesPage = lazyPage(() => import('../features/credentials/shares-page'), 'SharesPage');
const ReceivedRequestsPage = lazyPage(
  () => import('../features/credentials/received-requests-page'),
  'ReceivedRequestsPage',
);
const OrganisationPage = lazyPage(
  () => import('../features/credentials/organisation-page'),
  'OrganisationPage',
);
const ProviderLinksPage = lazyPage(
  () => import('../features/credentials/provider-links-page'),
  'ProviderLinksPage',
);
const CredentialVerifyPage = lazyPage(
  () => import('../features/credentials/verify-page'),
  'CredentialVerifyPage',
);
const PracticePage = lazyPage(() => import('../features/practice/practice-page'), 'PracticePage');
// The progress page draws charts; the chart library loads with it, not with the practice page.
const PracticeProgressPage = lazyPage(() => import('../features/practice/progress-page'), 'ProgressPage');
const PracticeAssessmentPage = lazyPage(
  () => import('../features/practice/assessment-page'),
  'AssessmentPage',
);
const OwnSkillsPage = lazyPage(() => import('../features/practice/own-skills-page'), 'OwnSkillsPage');
const LibraryPage = lazyPage(() => import('../features/library/library-page'), 'LibraryPage');
const RoleGuidePage = lazyPage(() => import('../features/role-guide/role-guide-page'), 'RoleGuidePage');
const CommunicationsPage = lazyPage(
  () => import('../features/communications/communications-page'),
  'CommunicationsPage',
);
const MessageDetailPage = lazyPage(
  () => import('../features/communications/message-detail-page'),
  'MessageDetailPage',
);
const ImportThreadPage = lazyPage(
  () => import('../features/communications/import-thread-page'),
  'ImportThreadPage',
);
const SummariesPage = lazyPage(() => import('../features/communications/summaries-page'), 'SummariesPage');
const FeedbackPage = lazyPage(() => import('../features/feedback/feedback-page'), 'FeedbackPage');
const MyFeedbackPage = lazyPage(() => import('../features/feedback/my-feedback-page'), 'MyFeedbackPage');
const MembersPage = lazyPage(() => import('../features/members/members-page'), 'MembersPage');
const ExportPage = lazyPage(() => import('../features/privacy/export-page'), 'ExportPage');
const PrivacyPage = lazyPage(() => import('../features/privacy/privacy-page'), 'PrivacyPage');
const ReportPage = lazyPage(() => import('../features/reports/report-page'), 'ReportPage');
const SubprocessorsPage = lazyPage(
  () => import('../features/privacy/subprocessors-page'),
  'SubprocessorsPage',
);
const EmailPreferencesPage = lazyPage(
  () => import('../features/notifications/email-preferences-page'),
  'EmailPreferencesPage',
);
const UnsubscribePage = lazyPage(
  () => import('../features/notifications/unsubscribe-page'),
  'UnsubscribePage',
);
const AccessLogPage = lazyPage(() => import('../features/wellbeing/access-log-page'), 'AccessLogPage');
const CareNotesPage = lazyPage(() => import('../features/wellbeing/care-notes-page'), 'CareNotesPage');
const ComplaintsPage = lazyPage(() => import('../features/wellbeing/complaints-page'), 'ComplaintsPage');
const SafetyPlanPage = lazyPage(() => import('../features/wellbeing/safety-plan-page'), 'SafetyPlanPage');
const SafetyPlanVersionPage = lazyPage(
  () => import('../features/wellbeing/safety-plan-page'),
  'SafetyPlanVersionPage',
);
const AcceptInvitePage = lazyPage(
  () => import('../features/workspaces/accept-invite-page'),
  'AcceptInvitePage',
);
const WorkspacesPage = lazyPage(() => import('../features/workspaces/workspaces-page'), 'WorkspacesPage');
const CheckInsPage = lazyPage(() => import('../features/wellbeing/check-ins-page'), 'CheckInsPage');
const ProfessionalsPage = lazyPage(
  () => import('../features/professionals/professionals-page'),
  'ProfessionalsPage',
);
const ProfessionalReadsPage = lazyPage(
  () => import('../features/professionals/professional-reads-page'),
  'ProfessionalReadsPage',
);
const SharedWithMePage = lazyPage(
  () => import('../features/professionals/shared-with-me-page'),
  'SharedWithMePage',
);
const WorkspaceSettingsPage = lazyPage(
  () => import('../features/workspaces/workspace-settings-page'),
  'WorkspaceSettingsPage',
);

/**
 * Every page of the app. Pages under RequireAuth need a session; /w/:workspaceId pages get their
 * workspace from WorkspaceLayout. The loaders only start reads into `queryClient` (route-data.ts).
 */
export function createRouter(queryClient: QueryClient) {
  const loaders = createRouteDataLoaders(queryClient);
  const routes: RouteObject[] = [
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
            { path: 'verify/:token', element: <CredentialVerifyPage /> },
          ],
        },
        {
          element: <RequireAuth />,
          loader: loaders.session,
          // Shown only if React draws before the loaders have returned (they return at once).
          hydrateFallbackElement: <BootLoading />,
          children: [
            {
              element: <AppShell />,
              children: [
                { index: true, element: <HomeRedirect /> },
                { path: 'workspaces', element: <WorkspacesPage /> },
                { path: 'invites/accept', element: <AcceptInvitePage /> },
                { path: 'shared', element: <SharedWithMePage /> },
                { path: 'account', element: <AccountPage /> },
                { path: 'account/security', element: <SecurityPage /> },
                { path: 'account/export', element: <ExportPage /> },
                { path: 'admin/usage', element: <UsagePage /> },
                { path: 'account/email', element: <EmailPreferencesPage /> },
                { path: 'account/email-change', element: <EmailChangePage /> },
                {
                  path: 'w/:workspaceId',
                  element: <WorkspaceLayout />,
                  loader: loaders.workspace,
                  children: [
                    { index: true, element: <Navigate to="incidents" replace /> },
                    { path: 'incidents', element: <IncidentsPage />, loader: loaders.incidents },
                    { path: 'incidents/new', element: <NewIncidentPage /> },
                    { path: 'incidents/:incidentId', element: <IncidentDetailPage /> },
                    { path: 'incidents/:incidentId/edit', element: <EditIncidentPage /> },
                    { path: 'timeline', element: <TimelinePage /> },
                    {
                      path: 'communications',
                      element: <CommunicationsPage />,
                      loader: loaders.communications,
                    },
                    { path: 'communications/import', element: <ImportThreadPage /> },
                    { path: 'communications/:communicationId', element: <MessageDetailPage /> },
                    { path: 'summaries', element: <SummariesPage /> },
                    { path: 'report', element: <ReportPage /> },
                    { path: 'documents', element: <DocumentsPage />, loader: loaders.documents },
                    { path: 'documents/:documentId', element: <DocumentDetailPage /> },
                    {
                      path: 'wellbeing',
                      element: <WellbeingLayout />,
                      children: [
                        { index: true, element: <Navigate to="check-ins" replace /> },
                        { path: 'check-ins', element: <CheckInsPage />, loader: loaders.checkIns },
                        { path: 'safety-plan', element: <SafetyPlanPage /> },
                        { path: 'safety-plan/versions/:version', element: <SafetyPlanVersionPage /> },
                        { path: 'complaints', element: <ComplaintsPage /> },
                        { path: 'care-notes', element: <CareNotesPage /> },
                        { path: 'access-log', element: <AccessLogPage /> },
                      ],
                    },
                    {
                      path: 'credentials',
                      element: <CredentialsLayout />,
                      children: [
                        { index: true, element: <Navigate to="licenses" replace /> },
                        { path: 'licenses', element: <LicensesPage />, loader: loaders.licenses },
                        { path: 'licenses/:licenseId', element: <LicenseDetailPage /> },
                        { path: 'activities', element: <ActivitiesPage /> },
                        { path: 'progress', element: <CredentialsProgressPage /> },
                        { path: 'shares', element: <SharesPage /> },
                        { path: 'requests', element: <ReceivedRequestsPage /> },
                        { path: 'organisation', element: <OrganisationPage /> },
                        { path: 'providers', element: <ProviderLinksPage /> },
                      ],
                    },
                    { path: 'practice', element: <PracticePage />, loader: loaders.practice },
                    { path: 'practice/progress', element: <PracticeProgressPage /> },
                    { path: 'practice/assessments', element: <PracticeAssessmentPage /> },
                    { path: 'practice/own', element: <OwnSkillsPage /> },
                    { path: 'library', element: <LibraryPage /> },
                    { path: 'role-guide', element: <RoleGuidePage /> },
                    { path: 'audit', element: <AuditPage /> },
                    { path: 'members', element: <MembersPage /> },
                    { path: 'professionals', element: <ProfessionalsPage /> },
                    { path: 'professionals/reads', element: <ProfessionalReadsPage /> },
                    { path: 'settings', element: <WorkspaceSettingsPage /> },
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
  ];
  // The first page's own code downloads beside the session check rather than after it.
  preloadPagesOf(routes, window.location.pathname);
  return createBrowserRouter(routes);
}
