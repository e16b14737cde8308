import {
  AcceptInvitationInput,
  acceptInvitation,
  ChangeRoleInput,
  changeMemberRole,
  describeInvitation,
  getWorkspaceSettings,
  InviteMemberInput,
  inviteMember,
  listInvitations,
  listMembers,
  RemoveMemberInput,
  removeMember,
  revokeInvitation,
  SetFourEyesInput,
  setFourEyes,
} from "@northstar/core";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, managerProcedure, publicProcedure, workspaceProcedure } from "../trpc";

const invitationToken = z.object({ token: z.string().min(20, "is not a valid invitation link").max(200) });

export const workspaceRouter = createTRPCRouter({
  members: managerProcedure.query(({ ctx }) => listMembers(ctx.domain)),
  invitations: adminProcedure.query(({ ctx }) => listInvitations(ctx.domain)),
  invite: adminProcedure.input(InviteMemberInput).mutation(({ ctx, input }) => inviteMember(ctx.domain, input)),
  revokeInvitation: adminProcedure
    .input(z.object({ invitationId: z.string().min(1) }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.domain, input)),
  changeRole: adminProcedure.input(ChangeRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.domain, input)),
  removeMember: adminProcedure.input(RemoveMemberInput).mutation(({ ctx, input }) => removeMember(ctx.domain, input)),
  /** Public: the invitee has no account yet; the one-time token is the credential. */
  invitation: publicProcedure.input(invitationToken).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),
  acceptInvitation: publicProcedure
    .input(AcceptInvitationInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
  settings: workspaceProcedure.query(({ ctx }) => getWorkspaceSettings(ctx.domain)),
  setFourEyes: adminProcedure.input(SetFourEyesInput).mutation(({ ctx, input }) => setFourEyes(ctx.domain, input)),
});
