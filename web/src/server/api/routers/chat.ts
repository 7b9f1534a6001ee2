import "server-only";
import { z } from "zod";
import { createGroup } from "../../services/chat/create-group";
import { deleteMessage, editMessage } from "../../services/chat/edit-message";
import { listMessages, markRead } from "../../services/chat/history";
import { listConversations } from "../../services/chat/list-conversations";
import { openDirectConversation } from "../../services/chat/open-direct";
import { setConversationPreferences } from "../../services/chat/preferences";
import {
  conversationIdInput,
  createGroupInput,
  groupName,
  editMessageInput,
  historyInput,
  markReadInput,
  messageIdInput,
  openDirectInput,
  sendMessageInput,
} from "../../services/chat/schemas";
import { sendMessage } from "../../services/chat/send-message";
import { notifyTyping } from "../../services/chat/typing";
import { searchMessages } from "../../services/chat/search-messages";
import { emojiSchema, toggleReaction } from "../../services/chat/reactions";
import { attachmentUploadInput, createAttachmentUpload } from "../../services/chat/attachments";
import {
  addGroupMembers,
  leaveGroup,
  removeGroupMember,
  renameGroup,
  setGroupAvatar,
} from "../../services/chat/group-members";
import { requireMembership } from "../../services/chat/access";
import { protectedProcedure, router } from "../trpc";

export const chatRouter = router({
  conversations: protectedProcedure.query(({ ctx }) => listConversations(ctx.deps, ctx.user.id)),
  conversation: protectedProcedure.input(conversationIdInput).query(async ({ ctx, input }) => {
    await requireMembership(ctx.deps.db, ctx.user.id, input.conversationId);
    const [summary] = await listConversations(ctx.deps, ctx.user.id, input.conversationId);
    return summary!;
  }),
  openDirect: protectedProcedure
    .input(openDirectInput)
    .mutation(({ ctx, input }) => openDirectConversation(ctx.deps, ctx.user.id, input.userId)),
  createGroup: protectedProcedure
    .input(createGroupInput)
    .mutation(({ ctx, input }) => createGroup(ctx.deps, ctx.user.id, input)),
  history: protectedProcedure.input(historyInput).query(({ ctx, input }) => listMessages(ctx.deps, ctx.user.id, input)),
  send: protectedProcedure
    .input(sendMessageInput)
    .mutation(({ ctx, input }) => sendMessage(ctx.deps, ctx.user.id, input)),
  edit: protectedProcedure
    .input(editMessageInput)
    .mutation(({ ctx, input }) => editMessage(ctx.deps, ctx.user.id, input)),
  delete: protectedProcedure
    .input(messageIdInput)
    .mutation(({ ctx, input }) => deleteMessage(ctx.deps, ctx.user.id, input.messageId)),
  createAttachmentUpload: protectedProcedure
    .input(attachmentUploadInput)
    .mutation(({ ctx, input }) => createAttachmentUpload(ctx.deps, ctx.user.id, input)),
  react: protectedProcedure
    .input(messageIdInput.extend({ emoji: emojiSchema }))
    .mutation(({ ctx, input }) => toggleReaction(ctx.deps, ctx.user.id, input)),
  markRead: protectedProcedure
    .input(markReadInput)
    .mutation(({ ctx, input }) => markRead(ctx.deps, ctx.user.id, input)),
  addMembers: protectedProcedure
    .input(conversationIdInput.extend({ userIds: createGroupInput.shape.memberIds }))
    .mutation(({ ctx, input }) => addGroupMembers(ctx.deps, ctx.user.id, input)),
  removeMember: protectedProcedure
    .input(conversationIdInput.extend({ userId: conversationIdInput.shape.conversationId }))
    .mutation(({ ctx, input }) => removeGroupMember(ctx.deps, ctx.user.id, input)),
  leave: protectedProcedure
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => leaveGroup(ctx.deps, ctx.user.id, input.conversationId)),
  rename: protectedProcedure
    .input(conversationIdInput.extend({ name: groupName }))
    .mutation(({ ctx, input }) => renameGroup(ctx.deps, ctx.user.id, input)),
  setAvatar: protectedProcedure
    .input(conversationIdInput.extend({ uploadKey: z.string().min(1).max(200).nullable() }))
    .mutation(({ ctx, input }) => setGroupAvatar(ctx.deps, ctx.user.id, input)),
  search: protectedProcedure
    .input(
      z.object({
        query: z.string().max(200, "Searches have at most 200 characters."),
        conversationId: conversationIdInput.shape.conversationId.optional(),
      }),
    )
    .query(({ ctx, input }) => searchMessages(ctx.deps, ctx.user.id, input)),
  typing: protectedProcedure
    .input(conversationIdInput)
    .mutation(({ ctx, input }) => notifyTyping(ctx.deps, ctx.user.id, input.conversationId)),
  setPreferences: protectedProcedure
    .input(conversationIdInput.extend({ muted: z.boolean().optional(), pinned: z.boolean().optional() }))
    .mutation(({ ctx, input }) => setConversationPreferences(ctx.deps, ctx.user.id, input)),
});
